fn main() {
    let d = actorgraph::dict::Dictionaries::builtin().unwrap();
    for s in std::env::args().skip(1) {
        for h in d.roles.find(&s) {
            println!("role {:?}", &s[h.start..h.end]);
        }
    }
}
