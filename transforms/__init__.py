"""Pure data -> data: parse, normalize, dedup signatures, extraction. No sockets, no files it was not handed."""
