"""Key points: a short list of what the respondents say, in their own words, each with the
statements that express it and its prevalence (Key Point Analysis, Bar-Haim et al. 2020)."""

from indsigt.analyse.keypoints.candidates import CandidateRules, clean
from indsigt.analyse.keypoints.generate import Drafted, generate
from indsigt.analyse.keypoints.matcher import Matcher, PairMatcher, Side, side
from indsigt.analyse.keypoints.select import Selected, select_key_points

__all__ = [
    "CandidateRules",
    "Drafted",
    "Matcher",
    "PairMatcher",
    "Selected",
    "Side",
    "clean",
    "generate",
    "select_key_points",
    "side",
]
