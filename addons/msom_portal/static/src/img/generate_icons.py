# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Draw the mBOK web-app icons (run once; the PNGs are committed).

python3 addons/msom_portal/static/src/img/generate_icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

THEME = (31, 95, 139)  # #1F5F8B
WHITE = (255, 255, 255)
HERE = Path(__file__).resolve().parent


def draw(size, maskable=False):
    image = Image.new("RGB" if maskable else "RGBA", (size, size), THEME)
    if not maskable:
        image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        ImageDraw.Draw(image).rounded_rectangle(
            (0, 0, size - 1, size - 1), radius=size // 5, fill=THEME
        )
    pen = ImageDraw.Draw(image)
    # maskable icons keep their drawing inside the central 80 % safe zone
    scale = size * (0.6 if maskable else 0.72)
    left = (size - scale) / 2
    top = (size - scale) / 2

    def pt(x, y):
        return (left + x * scale, top + y * scale)

    # a block of flats: roof and body with windows
    pen.polygon([pt(0.5, 0.0), pt(1.0, 0.38), pt(0.0, 0.38)], fill=WHITE)
    pen.rectangle([pt(0.12, 0.38), pt(0.88, 1.0)], fill=WHITE)
    for row in range(3):
        for col in range(3):
            x = 0.2 + col * 0.22
            y = 0.46 + row * 0.17
            pen.rectangle([pt(x, y), pt(x + 0.14, y + 0.1)], fill=THEME)
    return image


def main():
    draw(192).save(HERE / "mbok-192.png", optimize=True)
    draw(512).save(HERE / "mbok-512.png", optimize=True)
    draw(512, maskable=True).save(HERE / "mbok-maskable-512.png", optimize=True)
    draw(180, maskable=True).save(HERE / "mbok-apple-touch-180.png", optimize=True)


if __name__ == "__main__":
    main()
