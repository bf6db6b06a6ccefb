"""Issue 15.1 in the app: toasts (import errors, config notices, tag names) show escape
sequences and bidi controls as visible characters, never obeyed."""

from __future__ import annotations

from tests.app.helpers import make_app, settle


async def test_toasts_show_escapes_and_bidi_controls_visibly(library_path):
    app = make_app(library_path, notices=["theme skipped: evil\x1b]0;PWNED\x07\u202e.yaml"])
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        app.notify("tag x\x1b]52;c;ZXZpbA==\x07 added", markup=False)
        await settle(pilot)
        shown = " | ".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert "evil␛]0;PWNED␇�.yaml" in shown
        assert "tag x␛]52;c;ZXZpbA==␇ added" in shown
        assert "\x1b" not in shown and "\u202e" not in shown
