"""The app shell: entry points (GUI and CLI), main window, actions, document session, settings."""
