#include "immersim/random/generator.hpp"

#include "immersim/support/assert.hpp"

namespace immersim {

generator::generator(std::uint64_t seed) {
    std::uint64_t state = seed;
    for (std::uint64_t& word : s_) {
        word = mix64(state);
        state += 0x9e3779b97f4a7c15ULL;
    }
}

generator generator::from_state(std::uint64_t s0, std::uint64_t s1, std::uint64_t s2,
                                std::uint64_t s3) {
    IMMERSIM_ASSERT((s0 | s1 | s2 | s3) != 0);
    generator g;
    g.s_[0] = s0;
    g.s_[1] = s1;
    g.s_[2] = s2;
    g.s_[3] = s3;
    return g;
}

generator generator::stream(std::uint64_t run_seed, stream_purpose purpose,
                            std::uint64_t entity) {
    // Each component goes through the mixer before it is combined, so that nearby
    // seeds, purposes and entities land far apart.
    std::uint64_t key = mix64(run_seed);
    key = mix64(key ^ (static_cast<std::uint64_t>(purpose) * 0xd1342543de82ef95ULL));
    key = mix64(key ^ mix64(entity));
    return generator(key);
}

} // namespace immersim
