\d
