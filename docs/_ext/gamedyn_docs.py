"""Helpers of the documentation build (importable, so Sphinx can pickle the config)."""

from __future__ import annotations


def gallery_scraper(block, block_vars, gallery_conf):
    """Save the figures a sphinx-gallery block made, each once.

    The recipes of :mod:`gamedyn.gallery` return matplotlib Figures that pyplot does not
    manage, so the figures are looked for among the example's variables as well as among
    pyplot's open figures.
    """
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure
    from sphinx_gallery.scrapers import figure_rst

    found = [value for value in block_vars["example_globals"].values()
             if isinstance(value, Figure)]
    found += [plt.figure(number) for number in plt.get_fignums()]
    images = block_vars["image_path_iterator"]
    paths = []
    for figure in found:
        if getattr(figure, "_gamedyn_scraped", False):
            continue
        figure._gamedyn_scraped = True
        path = next(images)
        figure.savefig(path, dpi=100)
        paths.append(path)
    plt.close("all")
    return figure_rst(paths, gallery_conf["src_dir"])


# ---- math as MathML, written at build time: no script, no CDN, shown offline ----

def _mathml(translator, node, block):
    from docutils import nodes
    from docutils.utils.math import latex2mathml
    from sphinx.util import logging

    latex = node.astext()
    try:
        markup = latex2mathml.tex2mathml(latex, as_block=block)
    except Exception as error:  # docutils names what it cannot convert
        logging.getLogger(__name__).warning(f"math {latex!r} not converted to MathML: {error}",
                                            location=node)
        markup = f"<code>{latex}</code>"
    if block:
        markup = f'<div class="math-block">{markup}</div>'
    translator.body.append(markup)
    raise nodes.SkipNode


def visit_inline_math(translator, node):
    _mathml(translator, node, block=False)


def visit_block_math(translator, node):
    _mathml(translator, node, block=True)


def setup(app):
    """The ``mathml`` renderer of ``html_math_renderer``."""
    app.add_html_math_renderer("mathml", (visit_inline_math, None),
                               (visit_block_math, None))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
