"""The atoms of a formula: symbols, numbers, groups, functions, fractions, derivatives, norms
and sums. A mixin of derive.verifying.parser.Parser, which supplies the precedence levels."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp
from sympy.matrices.expressions import MatrixSymbol
from sympy.matrices.expressions.matexpr import MatrixElement

from derive.core import numeric_references, operations, statistics
from derive.core.index_sum import IndexSum
from derive.core.operation import operations_of
from derive.core.operations import Sigmoid, Step
from derive.verifying.big_operators import BigOperators
from derive.verifying.calculus import Calculus
from derive.verifying.entrywise import Entrywise
from derive.verifying.lexer import ACCENTS, BOLD, EVALUATION_OPENER, GREEK, OPENERS
from derive.verifying.limits import size_problem, whole_number
from derive.verifying.matrix_literal import MATRIX_START, MatrixLiterals
from derive.verifying.names import CompoundNames
from derive.verifying.randomness import MOMENTS, moment
from derive.verifying.shapes import (
    Pending,
    described,
    elementwise,
    inverse,
    is_elementwise,
    is_matrix,
    matrix_function,
    multiply,
    norm,
    power,
    sigmoid_derivative,
    transpose,
)
from derive.verifying.statistics_notation import BINOMIALS, StatisticsNotation

NORMS = {r"\|": r"\|", r"\Vert": r"\Vert", r"\lVert": r"\rVert"}
BARS = {"|": "|", r"\vert": r"\vert", r"\lvert": r"\rvert"}
# derive's operations by their parser_names (derive.core.operation): a word such as "softmax" is
# read as \softmax and \operatorname{softmax}; a command such as "\sigma" as that operation applied.
OPERATION_NAMES = {
    name: op for op in operations_of(operations, statistics, numeric_references) for name in op.parsed_names()
}
FUNCTIONS = {  # \log x, \operatorname{tr}(A) ... -> SymPy's function's name in derive.verifying.shapes, or the operation
    "log": "log", "ln": "log", "exp": "exp", "tanh": "tanh", "sin": "sin", "cos": "cos", "det": "det",
    "tan": "tan", "sec": "sec", "csc": "csc", "cot": "cot", "sinh": "sinh", "cosh": "cosh",
    "arcsin": "asin", "arccos": "acos", "arctan": "atan", "asin": "asin", "acos": "acos", "atan": "atan",
    "sign": "sign", "sgn": "sign",
    "tr": "tr", "Tr": "tr", "trace": "tr", "loggamma": "loggamma", "lgamma": "loggamma",
    **{name: op for name, op in OPERATION_NAMES.items() if not name.startswith("\\")},
}  # fmt: skip
SPECIAL_FUNCTIONS = {  # undeclared and applied: the function
    r"\Gamma": "gamma",
    **{name: op for name, op in OPERATION_NAMES.items() if name.startswith("\\")},
}
NAMED = (r"\operatorname", r"\mathrm", r"\text", r"\textrm", r"\mathit", r"\rm")
TRANSPOSE = ("T", r"\top", r"\intercal", r"\mathsf", r"\mathrm", r"\mathit", r"\rm")
LOG_SUM_EXP = ("logsumexp", "LSE", "lse")  # \operatorname{logsumexp}(z)
EXTREMA = {r"\min": sp.Min, r"\max": sp.Max}  # of scalars: \min(a, b), \max\{a, b, c\}
BIG_OPERATORS = {r"\sum": IndexSum, r"\prod": sp.Product}  # \sum_{i=1}^{n} body, \prod_{i=1}^{n} body
CONSTANTS = {r"\infty": None}
ELLIPSES = (r"\cdots", r"\ldots", r"\dots", r"\vdots", r"\ddots")


class Atoms(Calculus, BigOperators, CompoundNames, Entrywise, StatisticsNotation, MatrixLiterals):
    """Atom-level parsing; expects ``stream``, ``scope``, ``closers``, ``indices`` and the
    precedence methods (``expression``, ``product``, ``factor``, ``guard``, ``grouped``)."""

    def starts_factor(self) -> bool:
        """Whether the next token can begin a factor (so juxtaposition multiplies)."""
        token = self.stream.peek()
        if token.kind in ("letter", "number"):
            return True
        if token.is_(*OPENERS, "{", EVALUATION_OPENER, MATRIX_START):
            return True
        if token.is_(*NORMS) or token.is_(*BARS):
            return token.text not in self.closers
        if token.kind != "command":
            return False
        name = token.text[1:]
        return (
            name in GREEK
            or name in FUNCTIONS
            or token.is_(*BOLD, *NAMED, r"\frac", r"\tfrac", r"\dfrac", r"\cfrac", r"\sqrt", r"\nabla", *BIG_OPERATORS)
            or token.is_(r"\mathbb", r"\pi", r"\partial", r"\int", r"\bar", *ACCENTS, *BINOMIALS, *EXTREMA, *ELLIPSES)
        )

    def atom(self):
        token = self.stream.peek()
        if token.kind == "number":
            return self._number(self.stream.next())
        if token.is_("[") and self.entrywise_at():
            return self.entrywise()
        if token.is_(*OPENERS):
            self.stream.next()
            return self.grouped(OPENERS[token.text], token)
        if token.is_("{"):
            self.stream.next()
            return self.grouped("}", token)
        if token.is_(*NORMS):
            return self._norm()
        if token.is_(*BARS):
            self.stream.next()
            inner = self.grouped(BARS[token.text], token)
            return self.guard(lambda: norm(inner, "", False, token.text), token)
        if token.is_(EVALUATION_OPENER):
            return self.evaluation()
        if token.is_(MATRIX_START):
            return self.matrix_literal()
        if token.kind == "command":
            return self._command(token)
        if token.kind == "letter":
            return self._symbol()
        raise self.stream.error(token.unexpected(), token)

    # -- symbols -------------------------------------------------------------------------------

    def _symbol(self):
        token = self.stream.peek()
        special = SPECIAL_FUNCTIONS.get(token.text)
        if self.probability_at():
            return self.probability()
        if special and not self.scope.is_known(token.text[1:]):
            if special is Sigmoid and self.stream.peek(1).is_("'"):
                return self._sigmoid_derivative()
            if self.inverse_at(special):
                return self._apply(self.inverse_function(special), token)
            if self.stream.peek(1).is_(*OPENERS):
                self.stream.next()
                return self._apply(special, token)
        if token.is_(*BOLD):
            special = self._bold_special()
            if special is not None:
                return special
        key, first = self.stream.name()
        key = self.compound_key(key)
        definition = self.scope.functions.get(key)
        if definition is not None:
            return self.call(definition, first)
        base, _, subscript = key.partition("_")
        if subscript and not self.scope.is_known(key):
            indexed = self._indexed(base, subscript, first)
            if indexed is None:
                indexed = self._fixed_entry(base, subscript)
            if indexed is not None:
                return indexed
        if key in self.indices:  # the summation index itself, as in \sum_s \beta^{T - s}
            return self.indices[key][0]
        if key in ("e", "pi") and not self.scope.is_known(key):
            return sp.E if key == "e" else sp.pi
        if base == "I" and not self.scope.is_known(base) and not self.scope.is_known(key):
            return Pending("identity") if not subscript else sp.Identity(self._size(subscript, first))
        if self.stream.at("(") and not self.scope.is_known(key):
            self.note_product(key)
        return self.scope.lookup(key)

    def _bold_special(self):
        """\\mathbf{1}, \\mathbf{0}, \\mathbf{I} (with an optional size subscript), or None."""
        tokens = self.stream.tokens
        i = self.stream.index
        if not (tokens[i + 1].is_("{") and tokens[i + 3].is_("}")) and not tokens[i + 1].kind == "number":
            return None
        inner = tokens[i + 2] if tokens[i + 1].is_("{") else tokens[i + 1]
        kinds = {"1": "ones", "0": "zero", "I": "identity"}
        if inner.text not in kinds or (inner.text == "I" and self.scope.is_known("I")):
            return None
        self.stream.next()
        self.stream.group_tokens()
        return self._special(kinds[inner.text], inner)

    def _special(self, kind: str, token):
        if not self.stream.accept("_"):
            return Pending(kind)
        size = self._size("".join(t.text for t in self.stream.group_tokens()), token)
        return Pending(kind).sized(size)

    def _size(self, text: str, token):
        """A size or a sum's limit: a whole number, a dimension, or a dimension plus or minus a
        number; a number at most MAX_SIZE (derive.verifying.limits)."""
        if text.isdigit():
            return sp.Integer(self._bounded_size(text, token))
        if text in self.scope.dims:
            return self.scope.dims[text]
        for sign in "+-":
            head, _, tail = text.partition(sign)
            if tail.isdigit() and head in self.scope.dims:
                offset = self._bounded_size(tail, token)
                return self.scope.dims[head] + (offset if sign == "+" else -offset)
        raise self.stream.error(f"'{text}' is not a dimension of any declared symbol", token)

    def _bounded_size(self, digits: str, token) -> int:
        problem = size_problem(digits)
        if problem:
            raise self.stream.error(problem, token)
        return int(digits)

    def _fixed_entry(self, base: str, subscript: str):
        """``g_1`` or ``g_T`` for a declared vector g: its first or T-th entry (None otherwise)."""
        given = self.scope.declared.get(base)
        if given is None or not isinstance(given.symbol, MatrixSymbol) or given.symbol.shape[1] != 1:
            return None
        number = whole_number(subscript)
        if number is None and subscript not in self.scope.dims:
            return None
        position = sp.Integer(number) if number is not None else self.scope.dims[subscript]
        return given.symbol[position - 1, 0]

    def _indexed(self, base: str, subscript: str, token):
        """``y_i`` inside \\sum_i: the i-th entry of the vector y (X_{ij}: an entry of X)."""
        letters = [c for c in subscript if c not in ", "]
        if not letters or any(c not in self.indices for c in letters) or len(letters) > 2:
            return None
        given = self.scope.declared.get(base)
        if given is not None and not isinstance(given.symbol, MatrixSymbol):
            return None
        if given is None:
            limits = self.indices[letters[0]]
            if limits[1] is None:
                raise self.stream.error(f"give the upper limit of the sum over {letters[0]}", token)
            symbol = self.scope.summed_vector(base, limits[1])
        else:
            symbol = given.symbol
        rows, cols = symbol.shape
        index = [self.indices[c][0] - 1 for c in letters]
        if len(letters) == 1 and cols != 1:
            raise self.stream.error(f"{base} is a {described(symbol, base)}: index it with two indices", token)
        for c in letters:
            if self.indices[c][1] is None:
                self.indices[c][1] = rows if c == letters[0] else cols
        return symbol[index[0], index[1] if len(index) > 1 else 0]

    def entry_of(self, value):
        """``(y - Xw)_i`` inside \\sum_i: the i-th entry of a vector expression."""
        underscore = self.stream.next()
        letters = [t.text for t in self.stream.group_tokens() if not t.is_(",")]
        if not is_matrix(value) or not letters or len(letters) > 2 or any(c not in self.indices for c in letters):
            raise self.stream.error("a subscript here must index a vector by a summation index", underscore)
        rows, cols = value.shape
        if len(letters) == 1 and cols != 1:
            raise self.stream.error("index a matrix with two indices", underscore)
        for c in letters:
            if self.indices[c][1] is None:
                self.indices[c][1] = rows if c == letters[0] else cols
        row = self.indices[letters[0]][0] - 1
        column = self.indices[letters[1]][0] - 1 if len(letters) == 2 else sp.Integer(0)
        return MatrixElement(value, row, column)

    # -- commands ------------------------------------------------------------------------------

    def _command(self, token):
        text, name = token.text, token.text[1:]
        if name in GREEK or text in BOLD or text in ACCENTS:
            return self._symbol()
        if text in CONSTANTS:
            self.stream.next()
            if CONSTANTS[text] is None:
                raise self.stream.error("infinity cannot be checked", token)
            return CONSTANTS[text]
        if text in (r"\frac", r"\tfrac", r"\dfrac", r"\cfrac"):
            return self._fraction()
        if text == r"\sqrt":
            return self._root()
        if text == r"\nabla":
            return self._nabla()
        if text in BIG_OPERATORS:
            return self._big_operator()
        if text in EXTREMA:
            return self._extremum()
        if text == r"\int":
            return self._integral()
        if text == r"\mathbb":
            return self._blackboard()
        if text == r"\bar":
            return self.sample_mean()
        if text in BINOMIALS:
            return self.binomial()
        if text in NAMED:
            return self._named_function()
        if name in FUNCTIONS:
            self.stream.next()
            return self._apply(FUNCTIONS[name], token)
        if text == r"\dim" and self.stream.peek(1).is_(r"\ker"):  # \dim\ker A: the nullity
            self.stream.next()
            self.stream.next()
            return self._apply(numeric_references.Nullity, token)
        if text in ELLIPSES:
            raise self.stream.error(f"an ellipsis ({text}) cannot be checked: write the sum with \\sum", token)
        raise self.stream.error(f"unknown command {text}", token)

    def _named_function(self):
        token = self.stream.next()
        inner = self.stream.group_tokens()
        word = "".join(t.text for t in inner)
        if word in MOMENTS:
            return self._moment(MOMENTS[word], token, f"{token.text}{{{word}}}")
        if word in LOG_SUM_EXP:
            return self._log_sum_exp(token)
        if word in FUNCTIONS:
            return self._apply(FUNCTIONS[word], token)
        if word == "B" and self.stream.at("(") and not self.scope.is_known("B"):  # the Beta function B(a, b)
            return self.beta_function(token)
        if len(inner) == 1 and inner[0].kind == "letter":  # \mathrm{x}: a plain symbol
            return self.scope.lookup(word)
        raise self.stream.error(f"unknown function {token.text}{{{word}}}", token)

    def _apply(self, function: str, token):
        """A function applied to its argument: (...), {...}, or the next factor (\\log x)."""
        exponent = None
        if self.stream.at("^"):
            self.stream.next()
            exponent = self._exponent_value(token)
        base = None
        if function == "log" and self.stream.at("_"):
            self.stream.next()
            base = self._group_expression()
        argument = self._argument(token)
        if is_elementwise(function):
            value = self.guard(lambda: elementwise(function, argument, token.text), token)
            if base is not None:
                if is_matrix(base):
                    raise self.stream.error("the base of a logarithm must be a scalar", token)
                value = self.guard(lambda: multiply(sp.Pow(sp.log(base), -1), value), token)
        else:
            value = self.guard(lambda: matrix_function(function, argument, token.text), token)
        if exponent is not None:
            value = self.guard(lambda: power(value, exponent), token)
        return value

    def _argument(self, token):
        if self.stream.at(*OPENERS):
            opener = self.stream.next()
            return self.grouped(OPENERS[opener.text], opener)
        if self.stream.at("{"):
            opener = self.stream.next()
            return self.grouped("}", opener)
        if not self.starts_factor():
            raise self.stream.error(f"{token.text} needs an argument", self.stream.peek())
        return self.factor()

    def _group_expression(self):
        if self.stream.at("{"):
            opener = self.stream.next()
            return self.grouped("}", opener)
        return self.atom()

    def _sigmoid_derivative(self):
        """\\sigma'(z) = \\sigma(z) (1 - \\sigma(z))."""
        token = self.stream.next()
        self.stream.expect("'")
        argument = self._argument(token)
        return self.guard(lambda: sigmoid_derivative(argument, token.text), token)

    def _blackboard(self):
        token = self.stream.next()
        inner = "".join(t.text for t in self.stream.group_tokens())
        if inner in ("1", "I") and self.stream.at("[", r"\{"):  # the indicator 1[z > 0]
            opener = self.stream.next()
            self.closers.append(">")
            argument = self.expression()
            self.closers.pop()
            self.stream.expect(">", " (only 1[z > 0] is understood)")
            self.stream.expect("0", " (only 1[z > 0] is understood)")
            self.stream.expect(OPENERS[opener.text])
            return self.guard(lambda: elementwise(Step, argument, token.text), token)
        if inner in ("1", "I"):
            return self._special("ones" if inner == "1" else "identity", token)
        if inner == "E":
            return self._moment("expectation", token, r"\mathbb{E}")
        raise self.stream.error(f"\\mathbb{{{inner}}} is not understood in a formula", token)

    # -- numbers and superscripts --------------------------------------------------------------

    def _number(self, token):
        value = Fraction(token.text)
        return sp.Rational(value.numerator, value.denominator)

    def superscript(self, base, first):
        before = self.stream.last_read()
        caret = self.stream.next()
        tokens = self.stream.tokens
        braced = self.stream.at("{")
        head = tokens[self.stream.index + 1] if braced else self.stream.peek()
        after = tokens[self.stream.index + 2] if braced else None
        power_of_dimension = head.is_("T") and "T" in self.scope.dims and not is_matrix(base)  # rho^T: a power
        if head.is_(*TRANSPOSE) and (not braced or after.is_("}", "{")) and not power_of_dimension:
            if head.is_(r"\mathsf", r"\mathrm", r"\mathit", r"\rm"):
                inner = tokens[self.stream.index + (3 if braced else 2)]
                if not inner.is_("T"):
                    return self._power(base, caret, self._text_from(first, before))
            self.stream.group_tokens()
            return self.guard(lambda: transpose(base), caret)
        if (
            braced
            and head.is_("-")
            and after.is_("1", "T", r"\top", r"\intercal")
            and tokens[self.stream.index + 3].is_("}")
        ):
            self.stream.group_tokens()
            inverted = self.guard(lambda: inverse(base, self._text_from(first, before)), caret)
            return inverted if after.is_("1") else self.guard(lambda: transpose(inverted), caret)
        return self._power(base, caret, self._text_from(first, before))

    def _power(self, base, caret, base_text):
        exponent = self._exponent_value(caret)
        if exponent == -1:
            return self.guard(lambda: inverse(base), caret)
        return self.guard(lambda: power(base, exponent, (base_text, "the exponent")), caret)

    def _exponent_value(self, token):
        if self.stream.at("{"):
            opener = self.stream.next()
            return self.grouped("}", opener)
        if self.stream.at("-"):
            raise self.stream.error("a negative exponent needs braces: ^{-1}", self.stream.peek())
        next_token = self.stream.peek()
        if next_token.kind == "number" and len(next_token.text) > 1 and "." not in next_token.text:
            self.stream.next()  # x^23 is x^2 3 in TeX
            return sp.Integer(int(next_token.text[0]))
        return self.atom()

    # -- norms and sums ------------------------------------------------------------------------

    def _norm(self):
        opener = self.stream.next()
        inner = self.grouped(NORMS[opener.text], opener)
        subscript, squared = "", False
        for _ in range(2):
            if self.stream.at("_") and not subscript:
                self.stream.next()
                subscript = "".join(t.text for t in self.stream.group_tokens())
            elif self.stream.at("^") and not squared and self._next_group_is("2"):
                self.stream.next()
                self.stream.group_tokens()
                squared = True
        return self.guard(lambda: norm(inner, subscript, squared, "the argument"), opener)

    def _next_group_is(self, text: str) -> bool:
        tokens, i = self.stream.tokens, self.stream.index + 1
        if tokens[i].is_("{"):
            return tokens[i + 1].is_(text) and tokens[i + 2].is_("}")
        return tokens[i].is_(text)

    def _root(self):
        """``\\sqrt{x}``, or ``\\sqrt[n]{x}``: x^(1/n) of a scalar."""
        token = self.stream.next()
        if not self.stream.at("["):
            return self.guard(lambda: elementwise("sqrt", self._argument(token)), token)
        opener = self.stream.next()
        degree = self.grouped("]", opener)
        if is_matrix(degree) or degree == 0:
            raise self.stream.error("the degree of a root must be a nonzero scalar", opener)
        argument = self._argument(token)
        return self.guard(lambda: power(argument, 1 / degree, (r"the root's argument", "")), token)

    def _log_sum_exp(self, token):
        """``\\operatorname{logsumexp}(z)`` of a column vector: log(1^T exp(z)), whose gradient is softmax(z)."""
        argument = self._argument(token)
        if not is_matrix(argument) or argument.shape[1] != 1:
            raise self.stream.error(f"{token.text} of a column vector is understood", token)
        total = self.guard(lambda: multiply(sp.OneMatrix(1, argument.shape[0]), elementwise("exp", argument)), token)
        return self.guard(lambda: elementwise("log", total), token)

    def _moment(self, kind: str, token, written: str):
        """``\\mathbb{E}[A]``, ``\\operatorname{Var}(A)``, ``\\operatorname{Cov}(A, B)`` (derive.verifying.randomness)."""
        laws = self.scope.laws
        if kind == "expectation" and self.stream.at("_"):  # E_{m}[...]: over m alone
            laws = self.over_subscript(laws)
        if not self.stream.at(*OPENERS):
            raise self.stream.error(f"write the {kind} with brackets: {written}[...]", token)
        return moment(kind, self._arguments(), laws, self.stream, token)

    def _arguments(self) -> list:
        """``(a, b, ...)`` or ``[a, b]``, ``\\{a, b\\}``: the expressions inside."""
        opener = self.stream.next()
        closer = OPENERS[opener.text]
        self.closers.append(closer)
        arguments = [self.expression()]
        while self.stream.accept(","):
            arguments.append(self.expression())
        self.closers.pop()
        self.stream.expect(closer)
        return arguments

    def _extremum(self):
        """``\\min(a, b, ...)`` or ``\\max\\{a, b\\}`` of scalars."""
        token = self.stream.next()
        if not self.stream.at(*OPENERS):
            raise self.stream.error(f"write {token.text}(a, b) of scalars (a minimisation cannot be checked)", token)
        arguments = self._arguments()
        if len(arguments) < 2 or any(is_matrix(a) for a in arguments):
            raise self.stream.error(f"{token.text} needs two or more scalars: {token.text}(a, b)", token)
        return self.guard(lambda: EXTREMA[token.text](*arguments), token)
