import Foundation

/// What the last successful build read and wrote, by file stamp: `.gazette/cache/manifest`.
///
/// Checked before anything else: when every input (site.yml, the site's templates, every
/// article), every output file and every option is as the last build left them, the output is
/// already what a build would write, and the build stops there. That check lists two folders
/// and looks at each file's stamp, without reading or decoding anything else, so a rebuild of
/// an unchanged site costs a small part of a full one. Any difference, however small, sends the
/// build down the ordinary path, which uses the build cache.
struct SiteManifest: Sendable {
    static let fileName = "manifest"
    static let magic: [UInt8] = Array("GZTMANIF".utf8)
    static let formatVersion = 4

    /// Everything other than files that decides the output: Gazette's version and default theme,
    /// the build options and the output folder.
    var optionsKey: UInt64
    /// Site-relative path and stamp of every input.
    var inputs: [String: FileStamp]
    /// Output-relative path and stamp of every file the build wrote or kept, and of every
    /// folder above them. Empty in a manifest read from disk until `decodedOutputs()`.
    var outputs: [String: FileStamp]
    /// In a manifest read from disk, the bytes of the output list, decoded only when the inputs
    /// match: a build after an edit never needs the 23,000 entries of a large site.
    var encodedOutputs: ByteReader?
    /// How many files the site has in the output folder.
    var fileCount: Int
    /// Seconds since 1970 at which an article left out as a future one comes due; the output
    /// is only current before then.
    var validUntil: Int64
    /// What the build reported, to report it again.
    var articleCount: Int
    var pageCount: Int
    var feedCount: Int
    var skippedDrafts: Int
    var skippedFuture: Int
    var warnings: [Diagnostic]

    // MARK: The check

    /// The stamps of the inputs of the site as it is now.
    static func currentInputs(site: String) async -> [String: FileStamp]? {
        // The theme and static/ are listed on this thread: the other cores are busy decoding the
        // cache and listing the output, and a task of their own would wait behind that work.
        let content = await FileSystem.listFilesWithStampsInParallel(site + "/" + ContentLoader.contentFolder)
        let theme = FileSystem.listFilesWithStamps(site + "/" + Theme.folder)
        let statics = FileSystem.listFilesWithStamps(site + "/" + StaticFiles.folder)
        // A link, a folder or an unreadable entry: leave it to the full build to judge.
        guard let config = FileStamp(path: site + "/" + SiteConfig.fileName) else { return nil }
        var inputs: [String: FileStamp] = [SiteConfig.fileName: config]
        inputs.reserveCapacity(content.count + 64)
        for (folder, listing) in [(ContentLoader.contentFolder, content), (Theme.folder, theme), (StaticFiles.folder, statics)] {
            for (path, stamp) in listing {
                guard let stamp else { return nil }
                inputs[FileSystem.join(folder, path)] = stamp
            }
        }
        return inputs
    }

    /// Stamps of the output files and of every folder that holds them, the output folder
    /// itself as "": a file added anywhere in the output changes the stamp of its folder.
    /// `known`: stamps of some of the files, taken since the build wrote them.
    static func outputStamps(files: [String], output: String, known: [String: FileStamp] = [:]) async -> [String: FileStamp]? {
        var paths = Set(files.filter { known[$0] == nil })
        paths.insert("")
        var stamps: [String: FileStamp] = [:]
        stamps.reserveCapacity(files.count * 2)
        for file in files {
            if let stamp = known[file] { stamps[file] = stamp }
            // By bytes: `Substring.lastIndex(of:)` walks back by characters, far more slowly.
            var end = file.utf8.endIndex
            while let slash = file.utf8[..<end].lastIndex(of: UInt8(ascii: "/")) {
                end = slash
                if !paths.insert(String(file[..<slash])).inserted { break }
            }
        }
        let list = Array(paths)
        let found = await FileSystem.stampsWithFolders(list, below: output)
        for (path, stamp) in zip(list, found) {
            guard let stamp else { return nil }
            stamps[path] = stamp
        }
        return stamps
    }

    /// The output is current when both halves hold. The cheap half: the options, the clock, and
    /// the site's inputs as they are now.
    func inputsMatch(_ current: [String: FileStamp], optionsKey: UInt64, now: Date) -> Bool {
        optionsKey == self.optionsKey && Int64(now.timeIntervalSince1970.rounded(.down)) < validUntil && current == inputs
    }

    /// The costly half: every output file and folder as the manifest saw it. Checked only once
    /// the cheap half holds.
    func outputsMatch(output: String) async -> Bool {
        guard let (paths, stamps) = decodedOutputs() else { return false }
        // Tens of thousands of stamps: both cores.
        let found = await FileSystem.stampsWithFolders(paths, below: output)
        return zip(stamps, found).allSatisfy { $0 == $1 }
    }

    /// The outputs' paths and stamps, from the table or from the bytes read from disk; nil for
    /// bytes that do not decode.
    func decodedOutputs() -> (paths: [String], stamps: [FileStamp])? {
        guard var r = encodedOutputs else { return (Array(outputs.keys), Array(outputs.values)) }
        do {
            let count = max(0, try r.int())
            var paths: [String] = []
            var stamps: [FileStamp] = []
            // Each entry takes a few bytes at least: a count no file could hold reserves nothing.
            paths.reserveCapacity(min(count, r.end - r.offset))
            stamps.reserveCapacity(min(count, r.end - r.offset))
            for _ in 0..<count {
                paths.append(try r.string())
                stamps.append(try BuildCache.readStamp(&r))
            }
            return r.atEnd ? (paths, stamps) : nil
        } catch {
            return nil
        }
    }

    /// What a build that finds nothing to do reports: what the last build reported, with every
    /// output file unchanged.
    func result(seconds: Double) -> Builder.Result {
        var report = OutputWriter.Report()
        report.unchanged = fileCount
        return Builder.Result(
            articleCount: articleCount, pageCount: pageCount, feedCount: feedCount, files: [],
            warnings: warnings, report: report, skippedDrafts: skippedDrafts,
            skippedFuture: skippedFuture, timings: [("nothing changed", seconds)])
    }

    /// Stamps of inputs modified within two seconds of `now` are not trusted: file times are
    /// only as fine as the file system's clock, and such a file could change again without its
    /// stamp changing. A manifest is then not worth writing.
    static func stampsAreSettled(_ inputs: [String: FileStamp], now: Date) -> Bool {
        let limit = Int64(now.timeIntervalSince1970) - 2
        return inputs.values.allSatisfy { $0.modifiedSeconds < limit }
    }

    /// What a build leaves for its manifest: enough to write it once the output is committed,
    /// or later (`gazette serve` puts it off until the page has reloaded).
    struct Pending: Sendable {
        var inputs: [String: FileStamp]?
        var listedAt: Date
        /// Every file of the site in the output folder.
        var files: [String]
        var result: Builder.Result
        var validUntil: Int64
        var optionsKey: UInt64

        /// Records what the build read and wrote, when nothing changed while it ran; otherwise
        /// removes the manifest, so that the next build takes the ordinary path. `known`: the
        /// cache's output entries, whose stamps were taken since the output was committed.
        func save(site: URL, output: String, known: [String: BuildCache.OutputEntry]) async {
            // The inputs recorded are those listed when the build started: one changed, added or
            // removed while it ran differs from them at the next check.
            guard let inputs, SiteManifest.stampsAreSettled(inputs, now: listedAt),
                let outputs = await SiteManifest.outputStamps(files: files, output: output, known: known.mapValues(\.stamp))
            else {
                SiteManifest.remove(site: site)
                return
            }
            SiteManifest(
                optionsKey: optionsKey, inputs: inputs, outputs: outputs, fileCount: files.count,
                validUntil: validUntil, articleCount: result.articleCount, pageCount: result.pageCount,
                feedCount: result.feedCount, skippedDrafts: result.skippedDrafts, skippedFuture: result.skippedFuture,
                warnings: result.warnings
            ).save(site: site)
        }
    }

    // MARK: Reading and writing

    static func path(site: URL) -> String {
        site.appendingPathComponent(BuildCache.folder).appendingPathComponent(fileName).path
    }

    static func load(site: URL) -> SiteManifest? {
        guard let bytes = FileSystem.readBytes(path(site: site)) else { return nil }
        return decode(bytes)
    }

    static func remove(site: URL) {
        unlink(path(site: site))
    }

    func save(site: URL) {
        if FileSystem.writeAtomically(Self.path(site: site), encode()) != nil {
            // Without a manifest the next build takes the ordinary path: slower, never wrong.
            Self.remove(site: site)
        }
    }

    func encode() -> [UInt8] {
        var w = SealedFile.writer(magic: Self.magic)
        // Sized once: grown by doubling, a buffer of megabytes is copied again at each step.
        w.bytes.reserveCapacity(4096 + (inputs.count + outputs.count) * 80)
        w.int(Self.formatVersion)
        w.string(GazetteInfo.version)
        w.uint(optionsKey)
        w.int(Int(validUntil))
        for count in [articleCount, pageCount, feedCount, skippedDrafts, skippedFuture, fileCount] { w.int(count) }
        w.int(warnings.count)
        for warning in warnings {
            w.string(warning.path)
            w.int(warning.line)
            w.int(warning.column)
            w.string(warning.message)
        }
        for stamps in [inputs, outputs] {
            w.int(stamps.count)
            for i in stamps.stableOrder() {
                w.string(stamps.keys[i])
                BuildCache.writeStamp(stamps.values[i], &w)
            }
        }
        SealedFile.seal(&w.bytes, magic: Self.magic)
        return w.bytes
    }

    /// Nil for anything but an intact manifest of this version.
    static func decode(_ bytes: [UInt8]) -> SiteManifest? {
        guard case .success(var r) = SealedFile.open(bytes, magic: magic) else { return nil }
        do {
            guard try r.int() == formatVersion, try r.string() == GazetteInfo.version else { return nil }
            let optionsKey = try r.uint()
            let validUntil = Int64(try r.int())
            let counts = try (0..<6).map { _ in try r.int() }
            var warnings: [Diagnostic] = []
            for _ in 0..<max(0, try r.int()) {
                let path = try r.string()
                let line = try r.int()
                let column = try r.int()
                warnings.append(.warning(path: path, line: line, column: column, try r.string()))
            }
            let inputCount = max(0, try r.int())
            var inputs: [String: FileStamp] = [:]
            inputs.reserveCapacity(min(inputCount, r.end - r.offset))
            for _ in 0..<inputCount {
                let path = try r.string()
                inputs[path] = try BuildCache.readStamp(&r)
            }
            // The rest is the output list, left as it is (see `encodedOutputs`).
            var manifest = SiteManifest(
                optionsKey: optionsKey, inputs: inputs, outputs: [:], fileCount: counts[5],
                validUntil: validUntil,
                articleCount: counts[0], pageCount: counts[1], feedCount: counts[2],
                skippedDrafts: counts[3], skippedFuture: counts[4], warnings: warnings)
            manifest.encodedOutputs = r
            return manifest
        } catch {
            return nil
        }
    }
}
