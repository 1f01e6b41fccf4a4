\d events
