/// The default list of mining-pool domains, the same text as `rules/miner-pools.txt` (a test
/// keeps the two equal), in the plain-text feed format: each domain matches itself and every
/// name under it.
public enum MinerPools {
  /// The feed name pool matches carry.
  public static let feedName = "miner-pools"

  /// The default list as pool-domain indicators.
  public static var defaultIndicators: IndicatorSet {
    IndicatorSet(TextFeedParser.parse(Array(defaultText.utf8), feed: feedName).indicators)
  }

  /// The text of `rules/miner-pools.txt`.
  public static let defaultText = """
    # Vigil: well-known cryptocurrency mining pool domains (plain-text feed format).
    # Each domain matches itself and every name under it (eu1.nanopool.org, xmr.2miners.com …).
    # Sources: the pools' own connection guides; keep sorted within each group.

    # Monero (RandomX)
    c3pool.com
    hashvault.pro
    minexmr.com
    moneroocean.stream
    monerohash.com
    supportxmr.com
    xmrpool.eu
    xmrpool.net
    xmrig.com
    # Multi-coin pools
    2miners.com
    antpool.com
    f2pool.com
    herominers.com
    minergate.com
    mining-dutch.nl
    miningpoolhub.com
    nanopool.org
    nicehash.com
    poolin.com
    prohashing.com
    unmineable.com
    viabtc.com
    woolypooly.com
    zergpool.com
    zpool.ca
    # Other pools seen in container attacks
    ethermine.org
    flexpool.io
    hiveon.net
    kryptex.network
    sparkpool.com
    """ + "\n"
}
