"""The read edge by input shape: cable texts, the release's cable pages, cables.csv rows."""
