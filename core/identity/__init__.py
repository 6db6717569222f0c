"""Member identity: accounts, credentials, pseudonyms and avatars.

The helpers in this package (passwords, images, avatars, validation) are
framework-free so they can be unit-tested and reused by plugins without
booting the web application.
"""
