// Placeholder so the library has a source until the VTL engine lands; delete it then.
