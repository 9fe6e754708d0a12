"""What each command runs once its options are checked (cli.py checks them)."""
