"""Models arrive with this app's issue; see ../shared/DESIGN.md for what it owns."""
