from growthdesk.cli import main

main()
