\d+ events
