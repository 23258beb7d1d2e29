"""The command line and what runs behind it: build, serve, preview, watch."""
