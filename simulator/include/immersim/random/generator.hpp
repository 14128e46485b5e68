// The project's own pseudo-random generator. Standard-library engines are portable
// but their distributions are not, and seeding them well is awkward; owning the
// generator lets a run reproduce bit for bit on any platform.
#pragma once

#include <cstdint>
#include <string_view>

namespace immersim {

// SplitMix64 finaliser: a bijective 64-bit mix with good avalanche. Used to seed
// xoshiro and to derive independent streams.
constexpr std::uint64_t mix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// FNV-1a over bytes, then mixed. Deterministic on every platform, unlike std::hash.
constexpr std::uint64_t hash_bytes(std::string_view bytes) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return mix64(h);
}

// What a stream of random numbers is used for. Streams with different purposes or
// entities never share draws, so adding a client or a new use of randomness does
// not shift the numbers any other entity sees.
enum class stream_purpose : std::uint32_t {
    workload = 1,
    link = 2,
    clock = 3,
    fault = 4,
    strategy = 5,
    state_generator = 6,
    topology = 7,
    gossip = 8,
    documents = 9, // which document each client edits (documents: clients: zipf)
    test = 99,
};

// xoshiro256** by Blackman and Vigna: fast, 256-bit state, passes BigCrush.
class generator {
public:
    using result_type = std::uint64_t;

    // Seeds the four words from SplitMix64 applied to `seed`, which is the seeding
    // the authors recommend (it never yields the all-zero state).
    explicit generator(std::uint64_t seed);

    // An independent stream for (run seed, purpose, entity id).
    static generator stream(std::uint64_t run_seed, stream_purpose purpose,
                            std::uint64_t entity);

    // A generator in the given raw state, for checking against the published
    // reference outputs. Precondition: not all four words are zero.
    static generator from_state(std::uint64_t s0, std::uint64_t s1, std::uint64_t s2,
                                std::uint64_t s3);

    // Inline: a lognormal latency takes two to three draws, and a call each cost
    // more than the draw.
    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    std::uint64_t operator()() { return next(); }
    static constexpr std::uint64_t min() { return 0; }
    static constexpr std::uint64_t max() { return UINT64_MAX; }

private:
    generator() = default;
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) {
        return (x << k) | (x >> (64 - k));
    }
    std::uint64_t s_[4] = {};
};

} // namespace immersim
