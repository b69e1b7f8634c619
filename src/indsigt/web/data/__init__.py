"""Reading and writing the records the web app shows and changes; every write logs an event."""
