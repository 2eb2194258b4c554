import Foundation

/// Measures the wall time between laps, for the phase timings `--verbose` prints.
struct PhaseClock {
    private var last = DispatchTime.now()

    init() {}

    mutating func lap() -> Double {
        let now = DispatchTime.now()
        defer { last = now }
        return Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9
    }
}
