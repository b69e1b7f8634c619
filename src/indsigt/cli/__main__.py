from indsigt.cli import main

main()
