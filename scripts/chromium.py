"""How the tests and scripts/benchmark-phone start Debian's Chromium, and the phone it plays."""

CHROMIUM = "/usr/bin/chromium"
# As root Chromium needs --no-sandbox; the others stop it from calling Google's services.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions"]
# A low-end Android phone's screen.
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True, "locale": "fr-FR"}
