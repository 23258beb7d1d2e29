"""The page families: which pages a site has, their typed contexts, what each depends on."""
