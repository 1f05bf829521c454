"""LaTeX to MathML on the server (latex2mathml), so pages need nothing from the internet.

latex2mathml copies some input through as it is (``\\text{<script>}`` becomes a script element,
``\\href`` an href attribute), so its output is parsed and written out again keeping only MathML
elements and presentation attributes, with every text and value escaped. Anything it cannot
convert, or that does not survive that, is shown as the LaTeX source, escaped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import escape

from latex2mathml.converter import convert
from markupsafe import Markup

ELEMENTS = frozenset(
    "math mrow mi mn mo ms mtext mspace msub msup msubsup mfrac msqrt mroot mstyle mtable mtr mtd "
    "mover munder munderover menclose mpadded mphantom merror".split()
)
ATTRIBUTES = frozenset(
    "display mathvariant stretchy fence separator accent accentunder displaystyle scriptlevel "
    "linethickness columnalign rowalign rowspacing columnspacing columnlines rowlines frame notation "
    "lspace rspace width height depth minsize maxsize movablelimits largeop symmetric form "
    "mathcolor mathsize mathbackground align equalrows equalcolumns".split()
)
NAMESPACE = "http://www.w3.org/1998/Math/MathML"


class Unsafe(ValueError):
    """The converter's output holds something that is not presentation MathML."""


def math(latex: str, display: bool = False) -> Markup:
    """``latex`` as a MathML element, or as its escaped source in a <code> when it cannot be."""
    try:
        converted = convert(latex, display="block" if display else "inline")
        return Markup(_clean(converted))
    except Exception:  # latex2mathml raises many kinds of errors on input it does not know
        return Markup('<code class="latex">{}</code>').format(latex)


def prose(text: str) -> Markup:
    """An entry's LaTeX text (a justification, its statement): each ``$...$`` as MathML, the words
    between as Unicode (derive.rendering.text), escaped."""
    from derive.rendering.text import unicode_text

    parts = _DOLLAR.split(text)
    if len(parts) % 2 == 0:  # an unclosed $: show the whole text as words
        return Markup("{}").format(unicode_text(text))
    written = [math(part) if odd else Markup("{}").format(unicode_text(part)) for odd, part in _alternating(parts)]
    return Markup(" ").join(piece for piece in written if piece)


_DOLLAR = re.compile(r"(?<!\\)\$")


def _alternating(parts):
    return ((index % 2 == 1, part) for index, part in enumerate(parts))


def _clean(converted: str) -> str:
    if "<!" in converted or "<?" in converted:  # no DOCTYPE, entity declaration or processing instruction
        raise Unsafe("declaration in MathML")
    root = ET.fromstring(converted)
    return _written(root)


def _local(name: str) -> str:
    namespace, _, local = name.rpartition("}")
    if namespace and namespace != "{" + NAMESPACE:
        raise Unsafe(f"foreign namespace {namespace}")
    return local


def _written(element: ET.Element) -> str:
    tag = _local(element.tag)
    if tag not in ELEMENTS:
        raise Unsafe(f"element {tag!r}")
    attributes = "".join(f' {name}="{escape(value)}"' for name, value in _attributes(element))
    if tag == "math":
        attributes = f' xmlns="{NAMESPACE}"' + attributes
    inner = escape(element.text or "", quote=False) + "".join(
        _written(child) + escape(child.tail or "", quote=False) for child in element
    )
    return f"<{tag}{attributes}>{inner}</{tag}>"


def _attributes(element: ET.Element):
    for name, value in element.attrib.items():
        local = _local(name)
        if local not in ATTRIBUTES:
            raise Unsafe(f"attribute {local!r}")
        yield local, value
