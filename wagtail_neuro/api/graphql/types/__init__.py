"""GraphQL object types, one module per concept: blocks, images, clinic hours."""
