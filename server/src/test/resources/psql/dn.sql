\dn
