//! A made-up article and its annotation, written for the tests of this
//! module's files.

/// "é" and "’" make code points and bytes differ.
pub(super) const TEXT: &str = "Café owners said the rent was too high.\n“We’ll close,” Mira Holt wrote.\n";

pub(super) const ANN: &str = "T1\tSource 0 11\tCafé owners\n\
T2\tCue 12 16\tsaid\n\
T3\tContent 17 38\tthe rent was too high\n\
T4\tAttribution 12 16\tsaid\n\
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
#1\tAnnotatorNotes T3\ta note\n\
T5\tContent 40 54;40 47\t“We’ll close,”\n\
that continues on a second line\n\
T6\tSource 55 64\tMira Holt\n\
T7\tCue 65 70\twrote\n\
T8\tAttribution-no-source 0 4\tCafé\n\
E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6\n\
E3\tAttribution-no-source:T8 Cue:T7\n";
