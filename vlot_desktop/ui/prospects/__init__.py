"""The Prospecties screen: the list of prospect visits and visit mode."""
