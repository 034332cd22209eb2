"""Photos and other media: reading them safely and making downscaled copies. No Qt."""
