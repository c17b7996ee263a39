"""The demo data of `manage.py seed_demo`. It sits above every app and writes through their
services, so nothing imports it but the command."""
