// Placeholder so the library has a source until the pipeline lands; delete it then.
