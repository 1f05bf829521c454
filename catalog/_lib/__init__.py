"""Vocabulary that only some catalog entries use (the HMM operations, bootstrap resampling, SVD
bases and rank, the Beta function, normal expectations by quadrature), kept beside the entries
rather than in the engine. Entries import it relatively: ``from ._lib.hmm import hmm_paths``.

The underscore keeps this package out of the entry ids (derive.registry.ids).
"""
