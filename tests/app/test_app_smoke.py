from tests.app.helpers import make_app, settle


async def test_main_screen_lists_the_library(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        rows = app.reader.article_list.rows
        assert [row.title for row in rows][:3] == [
            "Harbour plan approved",
            "Museum reopens after renovation",
            "Ferry fares to rise",
        ]
        assert app.reader.current_article is not None
        assert app.reader.current_article.title == "Harbour plan approved"
