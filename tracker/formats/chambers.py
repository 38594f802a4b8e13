"""The chambers the registry knows, and the organisation key each is stored under (a module of its own, so that
a question can name them without loading the registry reader)."""

# registry chamber slugs → organization keys of the chambers
CHAMBER_ORGS = {
    "commons": ("house-of-commons", "House of Commons"),
    "lords": ("house-of-lords", "House of Lords"),
    "scotland": ("scottish-parliament", "Scottish Parliament"),
    "wales": ("welsh-parliament", "Senedd"),
    "ni": ("northern-ireland-assembly", "Northern Ireland Assembly"),
    "london": ("london-assembly", "London Assembly"),
    "crown": ("crown", "Crown"),
}
CHAMBER_OF_ORG = {org: chamber for chamber, (org, _) in CHAMBER_ORGS.items()}
