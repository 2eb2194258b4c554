/// Names that are probably the same name mistyped: `sumary` for `summary`, `Tecnology` for
/// `Technology`. One measure for every did-you-mean Gazette prints, so that front matter keys,
/// categories and site.yml's near-duplicate categories agree on what "close" means.
public enum NearMiss {
    /// The edit distance of `a` and `b` counting a substitution, an insertion, a deletion and a
    /// swap of two neighbours each as one edit (Damerau–Levenshtein, optimal string alignment),
    /// compared as Unicode scalars. Stops early and returns `limit + 1` once the distance is
    /// certain to be above `limit`.
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int = .max) -> Int {
        if abs(a.count - b.count) > limit { return limit == .max ? limit : limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let n = b.count
        var before = [Int](repeating: 0, count: n + 1)
        var previous = Array(0...n)
        var current = [Int](repeating: 0, count: n + 1)
        for i in 1...a.count {
            current[0] = i
            var rowBest = current[0]
            for j in 1...n {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, before[j - 2] + 1) }
                current[j] = d
                rowBest = min(rowBest, d)
            }
            if limit != .max, rowBest > limit { return limit + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[n]
    }

    /// How many edits still make a near miss of a name this long: none below 3 characters (too
    /// many short words are one edit apart), one up to 5, two from 6. Relative to the length,
    /// so that `tittle` finds `title` while `tag` and `tab` stay strangers.
    public static func allowedEdits(forLength length: Int) -> Int {
        length < 3 ? 0 : length <= 5 ? 1 : 2
    }

    /// The name among `candidates` closest to `name`, when it is a near miss: compared case
    /// aside, within `allowedEdits` of the shorter of the two. A candidate equal to `name` is
    /// not a miss and is never returned. Ties go to the earlier candidate.
    public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let key = Array(name.lowercased().unicodeScalars)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let other = Array(candidate.lowercased().unicodeScalars)
            let allowed = allowedEdits(forLength: min(key.count, other.count))
            // The same name in other case is the nearest miss of all.
            let d = distance(key, other, limit: allowed)
            guard d <= allowed, d < (best?.distance ?? .max) else { continue }
            best = (candidate, d)
        }
        return best?.name
    }
}
