fn main() {
    let d = actorgraph::dict::Dictionaries::builtin().unwrap();
    for s in std::env::args().skip(1) {
        for h in d.lexicon.find(&s) {
            let r: Vec<_> = h
                .value
                .iter()
                .map(|t| format!("{}{:?}", t.relation, t.object))
                .collect();
            println!("{:?} {:?}", &s[h.start..h.end], r);
        }
        for c in d.cues.find(&s) {
            println!("cue {:?} {:?}", &s[c.start..c.end], c.value.kind);
        }
    }
}
