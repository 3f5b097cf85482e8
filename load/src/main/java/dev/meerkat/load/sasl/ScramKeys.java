package dev.meerkat.load.sasl;

/** What SCRAM derives from a salted password: all a client needs to prove and to check the server. */
record ScramKeys(byte[] clientKey, byte[] storedKey, byte[] serverKey) { }
