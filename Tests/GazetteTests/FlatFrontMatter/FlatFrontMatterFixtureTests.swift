import Testing

@testable import Gazette

/// Front matter shaped like what the digest imports: several outlets, Japanese, Korean,
/// Chinese and emoji titles, URLs with query strings and fragments, curly quotes and colons
/// inside quoted titles, folded and literal summaries, flow and block tag lists.
let fixtures: [String] = [
    """
    title: "Japan may label Russia as ‘challenge’ in security strategy revision"
    date: 2022-03-12T05:02:00+08:00
    category: Japan
    tags: [Russia, security]
    source: Mainichi
    publisher: Intellasia
    original_url: https://mainichi.jp/english/articles/20220312/p2g/00m/0na/010000c
    slug: japan-may-label-russia-as-challenge
    draft: false
    summary: >-
      Japan is considering labelling Russia a "challenge" in its revised
      National Security Strategy, government sources said.
    """,
    """
    title: "Analysis: BOJ's yield curve control comes under pressure"
    date: 2022-06-15T09:30:00+09:00
    category: Economy
    tags:
      - BOJ
      - yen
      - "monetary policy"
    source: Reuters
    publisher: Gazette Wire
    original_url: https://www.reuters.com/markets/asia/boj-ycc-analysis-2022-06-15/?utm_source=rss&utm_medium=feed
    slug: boj-ycc-under-pressure
    draft: false
    """,
    """
    title: 東京株式市場、日経平均が3日続伸
    date: 2023-01-18T15:10:00+09:00
    category: 経済
    tags: [日経平均, 株式, 東京]
    source: 日本経済新聞
    publisher: Intellasia
    original_url: https://www.nikkei.com/article/DGXZQOUB180V70Y3A110C2000000/?n_cid=NMAIL007
    slug: nikkei-rises-third-day
    draft: false
    summary: 日経平均株価は3日続伸し、前日比200円高で取引を終えた。
    """,
    """
    title: '“We will not back down,” says defence minister'
    date: 2022-12-16T11:00:00+09:00
    category: Politics
    tags: [defence, Japan, China]
    source: The Japan Times
    publisher: Intellasia
    original_url: https://www.japantimes.co.jp/news/2022/12/16/national/defense-minister-remarks/
    slug: we-will-not-back-down
    draft: false
    """,
    """
    # imported by feed2gazette
    title: "5 things to know about the G7 summit in Hiroshima 🌏"
    date: 2023-05-19
    category: World
    tags:
    - G7
    - Hiroshima
    - diplomacy
    source: Kyodo News
    publisher: Gazette
    original_url: "https://english.kyodonews.net/news/2023/05/g7-hiroshima.html#top"
    slug: g7-hiroshima-five-things
    draft: false
    """,
    """
    title: "Q&A: What the yen's slide to ¥150/$ means for you"
    date: 2022-10-20T18:45:00+09:00
    category: Economy
    tags: [yen, "Q&A", currency]
    source: Nikkei Asia
    publisher: Asia Digest
    original_url: https://asia.nikkei.com/Business/Markets/Currencies/Q-A-What-the-yen-s-slide-means?utm_campaign=IC_asia_daily&utm_source=newsletter
    slug: yen-slide-qa
    draft: false
    image: https://www.ft.com/__origami/service/image/v2/images/raw/https%3A%2F%2Fd1e00ek4ebabms.cloudfront.net%2Fproduction%2Fyen.jpg?source=nar-cms&width=1260
    """,
    """
    title: "Tokyo 2020: 'The Games must go on,' says IOC"
    date: 2021-06-02T07:00:00+00:00
    category: Sports
    tags: [Olympics, "Tokyo 2020", IOC]
    source: BBC News
    publisher: Gazette Wire
    original_url: https://www.bbc.co.uk/sport/olympics/57327418#comments
    slug: tokyo-2020-games-must-go-on
    draft: false
    """,
    """
    title: "Is the #MeToo movement losing steam in South Korea?"
    date: 2022-03-08T08:00:00+09:00
    category: Korea
    tags: ["#MeToo", women, society]
    source: Yonhap
    publisher: Intellasia
    original_url: https://en.yna.co.kr/view/AEN20220308000400315?section=national/society
    slug: metoo-south-korea
    draft: true # pending review
    """,
    """
    title: 50% of firms say "no" to pay hikes, survey finds
    date: 2023-02-01T06:00:00+09:00
    category: Economy
    tags: [wages, survey]
    source: Kyodo News
    publisher: Intellasia
    original_url: https://english.kyodonews.net/news/2023/02/a1b2c3d4e5f6-survey.html
    slug: firms-no-pay-hikes
    draft: false
    """,
    """
    title: Apple, Google face new rules in Japan — again
    date: 2023-06-16 10:00:00 +0900
    category: Tech
    tags: [Apple, Google, "app stores", regulation]
    source: Nikkei Asia
    publisher: Gazette
    original_url: https://asia.nikkei.com/Business/Technology/Apple-Google-face-new-rules
    slug: apple-google-new-rules
    draft: false
    summary: |
      The government plans legislation requiring platform operators
      to allow third-party app stores.
    """,
    """
    title: "China's exports rise 7.3% y/y in March, beating forecasts"
    date: 2022-04-13T11:20:00+08:00
    category: China
    tags: [trade, exports, "y/y"]
    source: South China Morning Post
    publisher: Intellasia
    original_url: https://www.scmp.com/economy/china-economy/article/3174000/chinas-exports-rise?module=perpetual_scroll_0&pgtype=article&campaign=3174000
    slug: china-exports-march
    draft: false
    """,
    """
    title: 北朝鮮がミサイル発射　日本のEEZ外に落下か
    date: 2022-11-03T07:48:00+09:00
    category: Japan
    tags:
      - 北朝鮮
      - ミサイル
    source: NHK
    publisher: Intellasia
    original_url: https://www3.nhk.or.jp/news/html/20221103/k10013878111000.html
    slug: north-korea-missile-eez
    draft: false
    """,
    """
    title: "Opinion | A new era for Japan's defence policy"
    date: 2022-12-20T05:00:00Z
    category: Opinion
    tags: []
    source: The Washington Post
    publisher: Gazette Wire
    original_url: https://www.washingtonpost.com/opinions/2022/12/20/japan-defense-policy-new-era/
    slug: new-era-japan-defence
    draft: false
    author: Editorial Board
    """,
    """
    title: "UPDATE 2-Oil prices climb as supply fears mount"
    date: 2022-03-07T03:15:00+00:00
    category: Energy
    tags: [oil, "OPEC+", Russia]
    source: Reuters
    publisher: Intellasia
    original_url: https://www.reuters.com/business/energy/oil-prices-climb-2022-03-07/
    slug: oil-prices-climb-supply-fears
    draft: false
    weight: -1
    """,
    """
    title: "[Photos] Cherry blossoms draw crowds in Kyoto 🌸"
    date: 2023-03-28T12:00:00+09:00
    category: Culture
    tags: [sakura, Kyoto, tourism, 🌸]
    source: Asahi Shimbun
    publisher: Asia Digest
    original_url: https://www.asahi.com/ajw/articles/14870000?cid=ajw_rss
    slug: cherry-blossoms-kyoto
    draft: false
    image: ~
    """,
    """
    title: "S. Korea's Yoon vows \\"bold\\" plan: details inside"
    date: 2022-08-15T10:30:00+09:00
    category: Korea
    tags: [Yoon Suk-yeol, "North Korea", 대북정책]
    source: The Korea Herald
    publisher: Intellasia
    original_url: https://www.koreaherald.com/view.php?ud=20220815000123&np=1&mp=1
    slug: yoon-bold-plan
    draft: false
    """,
    """
    title: 'Kishida: Japan will ''never'' accept status quo change by force'
    date: 2023-01-13T22:00:00-05:00
    category: Politics
    tags: [Kishida, Washington, alliance]
    source: Kyodo News
    publisher: Intellasia
    original_url: https://english.kyodonews.net/news/2023/01/kishida-washington.html
    slug: kishida-never-accept
    draft: false
    """,
    """
    title: "Markets wrap — Nikkei up 1.2%, yen at ¥134/$"
    date: 2023-01-10T15:30:00+09:00
    category: Markets
    tags: [Nikkei, yen, markets]
    source: Gazette Desk
    publisher: Gazette
    original_url: https://gazette.example/markets/2023/01/10/wrap?edition=asia&format=amp
    slug: markets-wrap-2023-01-10
    draft: false
    summary: >
      Tokyo stocks rose for a second session as exporters gained on a
      weaker yen.
    """,
    """
    title: ‘Back to normal’? Tourists return to Bali
    date: 2022-09-01T09:00:00+08:00
    category: Asia-Pacific
    tags: [Indonesia, tourism]
    source: The Straits Times
    publisher: Intellasia
    original_url: https://www.straitstimes.com/asia/se-asia/back-to-normal-tourists-return-to-bali
    slug: tourists-return-bali
    draft: false
    """,
    """
    title: "Live updates: Ukraine war, day 17"
    date: 2022-03-12T00:00:00+00:00
    category: World
    tags:
        - Ukraine
        - Russia
        - war
    source: Al Jazeera
    publisher: Gazette Wire
    original_url: https://www.aljazeera.com/news/liveblog/2022/3/12/russia-ukraine-war-live-news-day-17
    slug: ukraine-war-day-17
    draft: false
    """,
    """
    title: "Die Welt: Ein Jahr nach dem Krieg"
    date: 2023-02-24T06:00:00+01:00
    category: Europe
    tags: [Deutschland, Ukraine]
    source: Der Spiegel
    publisher: Gazette Wire
    original_url: https://www.spiegel.de/ausland/ein-jahr-krieg-a-1234abcd.html
    slug: ein-jahr-nach-dem-krieg
    draft: false
    lang: de
    """,
    """
    title: L'économie française résiste malgré l'inflation
    date: 2023-04-28T08:30:00+02:00
    category: Economy
    tags: [France, inflation, "PIB"]
    source: Le Monde
    publisher: Gazette Wire
    original_url: https://www.lemonde.fr/economie/article/2023/04/28/l-economie-francaise-resiste_6171234_3234.html
    slug: economie-francaise-resiste
    draft: false
    lang: fr
    """,
    """
    title: 中国外交部：坚决反对
    date: 2022-08-02T20:00:00+08:00
    category: China
    tags: [外交部, 台湾]
    source: 新华社
    publisher: Intellasia
    original_url: http://www.xinhuanet.com/world/2022-08/02/c_1128884000.htm
    slug: china-mfa-firmly-opposes
    draft: false
    """,
    """
    title: "Sri Lanka crisis: what happens next?"
    date: 2022-07-14T13:00:00+05:30
    category: South Asia
    tags: [Sri Lanka, economy, protests]
    source: BBC News
    publisher: Gazette Wire
    original_url: https://www.bbc.com/news/world-asia-62132271?at_medium=RSS&at_campaign=KARANGA
    slug: sri-lanka-what-next
    draft: false
    """,
    """
    title: Japan’s population falls for 12th straight year
    date: 2023-04-12T17:00:00+09:00
    category: Japan
    tags: [population, demographics]
    source: Kyodo News
    publisher: Intellasia
    original_url: https://english.kyodonews.net/news/2023/04/population.html
    slug: japan-population-falls
    draft: false

    # editor notes
    aliases:
      - /japan/2023/04/population-falls/
      - /p/4412
    """,
    """
    title: Nintendo Switch sales top 100 million units
    date: 2022-02-03T16:00:00+09:00
    category: Tech
    tags: [Nintendo, gaming, "Switch"]
    source: NHK World
    publisher: Gazette
    original_url: https://www3.nhk.or.jp/nhkworld/en/news/20220203_23/
    slug: switch-sales-100-million
    draft: false
    author:
    image: https://www3.nhk.or.jp/nhkworld/en/news/20220203_23/images/thumb.jpg
    """,
    """
    title: "韓国 尹大統領「大胆な構想」を提示 🇰🇷"
    date: 2022-08-15T12:00:00+09:00
    category: Korea
    tags: [韓国, 北朝鮮, 🇰🇷]
    source: 聯合ニュース
    publisher: Intellasia
    original_url: https://jp.yna.co.kr/view/AJP20220815000400882?section=politics/index
    slug: yoon-bold-initiative-ja
    draft: false
    """,
    """
    title: "Explainer: Why Taiwan matters to the global chip industry"
    date: 2022-08-05T04:00:00+00:00
    category: Tech
    tags: [Taiwan, TSMC, semiconductors, "C#"]
    source: Reuters
    publisher: Gazette Wire
    original_url: https://www.reuters.com/technology/why-taiwan-matters-chips-2022-08-05/
    slug: why-taiwan-matters-chips
    draft: false
    summary: >-
      Taiwan makes most of the world's most advanced chips.

      Here is why that matters: TSMC alone supplies Apple, Nvidia and AMD.
    """,
    """
    title: "Breaking: M6.1 quake hits off Fukushima; no tsunami warning"
    date: 2022-03-16T23:36:00+09:00
    category: Japan
    tags: [earthquake, Fukushima]
    source: NHK World
    publisher: Intellasia
    original_url: https://www3.nhk.or.jp/nhkworld/en/news/20220316_50/#quake
    slug: quake-off-fukushima
    draft: false
    summary: "A strong earthquake struck off Fukushima at 23:36 JST.\\nNo tsunami warning was issued."
    """,
    """
    title: Watch — PM's full press conference (video)
    date: 2022-05-26
    category: Politics
    tags: [video, Kishida]
    source: TV Asahi
    publisher: Gazette
    original_url: https://news.tv-asahi.co.jp/news_politics/articles/000255123.html?display=full
    slug: pm-press-conference-video
    draft: false
    description: ""
    """,
    """
    title: "Seoul & Tokyo agree to resume shuttle diplomacy"
    date: 2023-03-16T19:00:00+09:00
    category: Asia-Pacific
    tags: ["South Korea", Japan, 'shuttle diplomacy']
    source: Yonhap
    publisher: Intellasia
    original_url: https://en.yna.co.kr/view/AEN20230316005300315
    slug: seoul-tokyo-shuttle-diplomacy
    draft: false
    related: ~
    """,
    """
    title: "Hong Kong: 'One country, two systems' at 25"
    date: 2022-07-01T08:00:00+08:00
    category: China
    tags: [Hong Kong, politics]
    source: South China Morning Post
    publisher: Intellasia
    original_url: https://www.scmp.com/news/hong-kong/politics/article/3183800/one-country-two-systems-25
    slug: hong-kong-at-25
    draft: false
    summary: |-
      Hong Kong marks 25 years since the handover.
        – The anniversary was attended by President Xi.
    """,
]

@Test(arguments: fixtures.indices)
func fixtureIsAcceptedAndMatchesYams(_ index: Int) throws {
    let yaml = fixtures[index]
    let fast = FlatFrontMatter.parse(yaml)
    #expect(fast != nil, "fast path refused fixture \(index): \(yaml.debugDescription)")
    #expect(try fast == YAMLDocument.composed(yaml), "fixture \(index) differs: \(disagreement(yaml) ?? yaml.debugDescription)")
}

@Test func fixtureSpotChecks() throws {
    let first = try #require(FlatFrontMatter.parse(fixtures[0]))
    #expect(first.map(\.key) == ["title", "date", "category", "tags", "source", "publisher", "original_url", "slug", "draft", "summary"])
    #expect(
        first[9].value
            == .string(
                "Japan is considering labelling Russia a \"challenge\" in its revised National Security Strategy, government sources said.")
    )
    let yen = try #require(FlatFrontMatter.parse(fixtures[5]))
    #expect(yen[0].value == .string("Q&A: What the yen's slide to ¥150/$ means for you"))
    #expect(yen[0].isQuotedScalar)
    let korea = try #require(FlatFrontMatter.parse(fixtures[15]))
    #expect(korea[0].value == .string("S. Korea's Yoon vows \"bold\" plan: details inside"))
    let taiwan = try #require(FlatFrontMatter.parse(fixtures[27]))
    #expect(
        taiwan.last?.value
            == .string(
                "Taiwan makes most of the world's most advanced chips.\nHere is why that matters: TSMC alone supplies Apple, Nvidia and AMD."
            ))
    let population = try #require(FlatFrontMatter.parse(fixtures[24]))
    #expect(
        population.last
            == YAMLDocument.Entry(
                key: "aliases", value: .list([.string("/japan/2023/04/population-falls/"), .string("/p/4412")]), line: 13, column: 3,
                isQuotedScalar: false, keyLine: 12))
    #expect(fixtures.count >= 30)
}
