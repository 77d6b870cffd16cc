"""Reading level packs: Tiled maps and TOML texts, validated into an engine ``World``.

pytmx is imported lazily and only here, so the engine stays free of it (and of pygame).
"""
