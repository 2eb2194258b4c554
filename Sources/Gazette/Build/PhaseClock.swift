import Foundation

/// Measures the wall time of each phase, for the timings `--verbose` prints.
struct PhaseClock {
    private var last = DispatchTime.now()
    private(set) var laps: [(phase: String, seconds: Double)] = []

    init() {}

    /// Ends the phase `name`, which began at the last lap.
    mutating func lap(_ name: String) {
        let now = DispatchTime.now()
        laps.append((name, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
        last = now
    }
}
