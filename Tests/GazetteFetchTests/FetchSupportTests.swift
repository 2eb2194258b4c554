import Foundation
import Testing

@testable import GazetteFetch

@Suite struct FetchSupportTests {
    @Test(arguments: [
        "localhost", "LOCALHOST.", "printer.local", "db.internal", "127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255",
        "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1", "[::1]", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1",
        "2130706433", "0x7f000001",
    ])
    func privateHostsAreRecognised(_ host: String) {
        #expect(PrivateHost.isPrivate(host))
    }

    @Test(arguments: ["example.org", "9news.com.au", "8.8.8.8", "172.32.0.1", "192.169.0.1", "[2001:db8::1]", "www.kyodonews.net"])
    func publicHostsAreNot(_ host: String) {
        #expect(!PrivateHost.isPrivate(host))
    }

    /// However many tasks ask, no more than the pool's width run at once, and every one runs.
    @Test func thePoolBoundsWhatRunsAtOnce() async {
        actor Gauge {
            var now = 0
            var peak = 0
            func enter() { now += 1; peak = max(peak, now) }
            func leave() { now -= 1 }
        }
        let pool = RequestPool(width: 3)
        let gauge = Gauge()
        let done = await withTaskGroup(of: Int.self) { group in
            for i in 0..<40 {
                group.addTask {
                    await pool.run {
                        await gauge.enter()
                        try? await Task.sleep(nanoseconds: 2_000_000)
                        await gauge.leave()
                        return i
                    }
                }
            }
            var all: [Int] = []
            for await i in group { all.append(i) }
            return all
        }
        #expect(done.sorted() == Array(0..<40))
        #expect(await gauge.peak == 3)
    }
}
