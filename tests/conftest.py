"""Test configuration: Qt runs offscreen and never touches the user's settings."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TUTTI_CONFIG_DIR", "")
