import Foundation

/// What `gazette import` and `gazette fetch` know of the site's articles, kept between runs in
/// `.gazette/import/index`: for each article file, its stamp, import identity, date and story.
/// A run stats every file and reads again only those whose stamp changed, so that importing a
/// hundred items into a site of a hundred thousand costs little more than into an empty one;
/// the texts a story is judged on are read only for the days a new article could match in
/// (the index stays small: about a hundred bytes an article).
///
/// It only saves work: a file that is missing, damaged or of another version is rebuilt from
/// the articles, never trusted over them.
struct ImportIndex {
    struct Entry {
        var stamp: FileStamp
        /// The normalised `import_id`, for files Gazette imported.
        var identity: String?
        /// Seconds since 1970 of the article's date; nil for a file that is not an article
        /// (a draft, or one whose front matter does not parse), which is still remembered so
        /// that it is not read again.
        var time: Int64?
        var storyKey: String
    }

    static let path = ".gazette/import/index"
    static let magic = Array("GZIMPIX1".utf8)
    // 4: story keys of titles in other scripts are Unicode slugs.
    static let version = 4

    var entries: [String: Entry] = [:]
    /// How the dates and story keys were read (site.yml's zone and slug style, `reading(zone:slugStyle:)`):
    /// entries read another way are not used.
    var zone = ""

    /// The zone's name, and `ascii_slugs` when set: what the story keys depend on.
    static func reading(zone: TimeZone, slugStyle: Slug.Style) -> String {
        zone.identifier + (slugStyle == .ascii ? " ascii_slugs" : "")
    }
    /// The paths of `entries`, sorted: the order they are saved in.
    var order: [String] = []

    /// The index as saved, or an empty one.
    static func load(site: URL, zone: TimeZone, slugStyle: Slug.Style) -> ImportIndex {
        let reading = Self.reading(zone: zone, slugStyle: slugStyle)
        guard let bytes = FileSystem.readBytes(site.appendingPathComponent(path).path),
            case .success(var r) = SealedFile.open(bytes, magic: magic)
        else { return ImportIndex() }
        var index = ImportIndex()
        do throws(ByteReader.Truncated) {
            guard try r.int() == version, try r.string() == GazetteInfo.version, try r.string() == reading else {
                return ImportIndex()
            }
            index.zone = reading
            let count = try r.count()
            index.entries.reserveCapacity(count)
            for _ in 0..<count {
                let path = try r.string()
                let stamp = FileStamp(
                    size: Int64(try r.int()), modifiedSeconds: Int64(try r.int()), modifiedNanoseconds: Int64(try r.int()),
                    inode: try r.uint(), changedSeconds: Int64(try r.int()), changedNanoseconds: Int64(try r.int()))
                let identity = try r.optional()
                let time: Int64? = try r.bool() ? Int64(try r.int()) : nil
                let story = try r.string()
                index.entries[path] = Entry(stamp: stamp, identity: identity, time: time, storyKey: story)
            }
        } catch {
            return ImportIndex()
        }
        return index
    }

    /// Writes the index in one step; entries whose file was changed in the last two seconds are
    /// left out (a second edit within the clock's grain could keep the stamp) and read again
    /// next time.
    func save(site: URL, now: Date = Date()) {
        var w = SealedFile.writer(magic: Self.magic)
        w.int(Self.version)
        w.string(GazetteInfo.version)
        w.string(zone)
        let settled = Int64(now.timeIntervalSince1970) - 2
        let kept = order.compactMap { path in
            entries[path].flatMap { $0.stamp.modifiedSeconds < settled && $0.stamp.changedSeconds < settled ? (path, $0) : nil }
        }
        w.int(kept.count)
        for (path, e) in kept {
            w.string(path)
            w.int(Int(e.stamp.size))
            w.int(Int(e.stamp.modifiedSeconds))
            w.int(Int(e.stamp.modifiedNanoseconds))
            w.uint(e.stamp.inode)
            w.int(Int(e.stamp.changedSeconds))
            w.int(Int(e.stamp.changedNanoseconds))
            w.optional(e.identity)
            w.bool(e.time != nil)
            if let t = e.time { w.int(Int(t)) }
            w.string(e.storyKey)
        }
        SealedFile.seal(&w.bytes, magic: Self.magic)
        let folder = site.appendingPathComponent(Self.path).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = FileSystem.writeAtomically(site.appendingPathComponent(Self.path).path, w.bytes)
    }
}
