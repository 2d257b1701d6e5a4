// Placeholder so the library has a source until the protocol layer lands; delete it then.
