#include "immersim/net/network.hpp"

#include "immersim/engine/domain_number.hpp"
#include "immersim/support/assert.hpp"

#include <algorithm>

namespace immersim::net {

namespace {
constexpr std::uint8_t cut_forward = 1; // a -> b
constexpr std::uint8_t cut_backward = 2; // b -> a
} // namespace

network::network(engine& sim, topology& topo, std::uint64_t seed, network_options options)
    : sim_(sim), topo_(topo), options_(options), up_(topo.node_count(), 1),
      cut_(topo.link_count(), 0) {
    deliver_kind_ = sim.register_handler("deliver", *this);
    links_.reserve(topo.link_count());
    for (link_id l = 0; l < topo.link_count(); ++l) {
        // Links built alike come one after another (a star's, a mesh's), so one
        // comparison with the previous link finds nearly every share.
        const link_config& own = topo.link_at(l).config;
        if (configs_.empty() || !(configs_.back() == own))
            configs_.push_back(own);
        const link_config* usual = &configs_.back();
        links_.push_back({generator::stream(seed, stream_purpose::link, l), usual, usual});
    }
}

bool network::hop_blocked(link_id l, bool reverse) const {
    return (cut_[l] & (reverse ? cut_backward : cut_forward)) != 0;
}

void network::find_route(pair_table::entry& pair, node_id from, node_id to) const {
    pairs_.set_route(pair, any_cut_ ? topo_.route(from, to,
                                                  [this](link_id l, bool reverse) {
                                                      return hop_blocked(l, reverse);
                                                  })
                                    : topo_.route(from, to));
}

bool network::reachable(node_id from, node_id to) const {
    return up_[from] && up_[to] && current_route(from, to).hops != pair_table::entry::unreachable;
}

std::uint32_t network::component_count() const {
    std::uint32_t count = 0;
    topo_.components([this](link_id l) { return cut_[l] == 0; }, count);
    return count;
}

network::trip network::sample_trip(std::span<const hop> route, const message& m) {
    trip out;
    time_ns total = 0;
    for (const hop& h : route) {
        link_state& link = links_[h.link];
        const link_config& c = *link.config;
        generator& g = link.stream;
        out.fifo = out.fifo && c.fifo;
        if (c.duplicate > 0.0) // times exactly one otherwise
            out.single *= 1.0 - c.duplicate;
        for (int attempt = 0; c.loss > 0.0 && bernoulli(g, c.loss); ++attempt) {
            if (m.kind == channel::unreliable)
                return out;
            IMMERSIM_ASSERT_OP(attempt, <, options_.max_retransmissions);
            ++counters_.retransmitted;
            total = saturating_add(total, options_.retransmit_delay_ns);
        }
        // Sums saturate: a long route of heavy-tailed draws must not wrap time.
        total = saturating_add(total, c.latency.sample(g));
        if (c.jitter_ns > 0)
            total = saturating_add(total, uniform_int(g, 0, c.jitter_ns));
        if (c.bandwidth_bytes_per_s > 0)
            total = saturating_add(total, saturating_time(static_cast<double>(m.size_bytes) *
                                                          ns_per_s / c.bandwidth_bytes_per_s));
    }
    out.delay = total;
    return out;
}

network::trip network::sample_duplicate_trip(std::span<const hop> route, const message& copy) {
    return sample_trip(route, copy);
}

void network::schedule_arrival(const message& m, time_ns arrival) {
    ++in_flight_count_;
    sim_.schedule_at(arrival, deliver_kind_, m.target, m.id, event_data::of(m));
}

void network::undeliverable(const message& m) {
    sim_.digest_mix(m.id);
    if (m.kind == channel::reliable)
        hold(m);
    else if (!up_[m.target])
        ++counters_.dropped_crash;
    else
        ++counters_.dropped_partition;
}

void network::hold(message m) {
    ++counters_.held;
    held_.push_back(m);
}

void network::dispatch(const message& m, time_ns extra_delay) {
    pair_table::entry* pair = up_[m.target] ? &current_route(m.source, m.target) : nullptr;
    if (!pair || pair->hops == pair_table::entry::unreachable) {
        undeliverable(m);
        return;
    }
    const std::span<const hop> route = pairs_.route(*pair);
    const time_ns now = saturating_add(sim_.now(), extra_delay);
    const auto arrive = [&](const message& copy, time_ns delay, bool fifo) {
        time_ns arrival = saturating_add(now, delay);
        if (fifo) {
            // A FIFO path never lets a later message overtake an earlier one.
            arrival = std::max(arrival, pair->last_arrival);
            pair->last_arrival = arrival;
        }
        schedule_arrival(copy, arrival);
    };
    const trip first = sample_trip(route, m);
    if (!first.delay) {
        ++counters_.dropped_loss;
        sim_.digest_mix(m.id);
        return;
    }
    arrive(m, *first.delay, first.fifo);

    if (!route.empty() && first.single < 1.0 &&
        bernoulli(links_[route.front().link].stream, 1.0 - first.single)) {
        message copy = m;
        copy.duplicate = true;
        if (const trip second = sample_duplicate_trip(route, copy); second.delay) {
            ++counters_.duplicated;
            arrive(copy, *second.delay, second.fifo);
        }
    }
}

std::uint64_t network::next_id() {
    const std::uint32_t domain = sim_.lane() == 0 ? 0 : sim_.lane() - 1;
    if (domain >= next_ids_.size())
        next_ids_.resize(std::size_t{domain} + 1, 0);
    return domain_number::make(domain, next_ids_[domain]++);
}

std::uint32_t network::lane_of(const message& m) const {
    return sim_.lane_count() == 0 ? 0 : domain_number::domain_of(m.id) + 1;
}

std::uint64_t network::send(node_id from, node_id to, std::uint32_t size_bytes, channel kind,
                            std::uint64_t body) {
    return send_to_each(from, {&to, 1}, size_bytes, kind, body);
}

std::uint64_t network::send_to_each(node_id from, std::span<const node_id> to,
                                    std::uint32_t size_bytes, channel kind, std::uint64_t body) {
    IMMERSIM_ASSERT(from < up_.size() && !to.empty());
    counters_.sent += to.size();
    counters_.bytes_sent += to.size() * size_bytes;
    // The first id as send() takes it, then the rest of the run of ids at once.
    const std::uint64_t first = next_id();
    std::uint64_t& next = next_ids_[domain_number::domain_of(first)];
    next += to.size() - 1;
    IMMERSIM_ASSERT_OP(next, <=, std::uint64_t{1} << domain_number::count_bits);
    if (!up_[from]) {
        counters_.dropped_crash += to.size();
        return first;
    }
    // A large fan-out's arrivals enter the engine as one sorted batch.
    const bool batch = to.size() >= min_batch;
    if (batch)
        sim_.begin_batch();
    std::uint64_t id = first;
    for (const node_id target : to) {
        IMMERSIM_ASSERT(target < up_.size());
        dispatch({id++, body, sim_.now(), from, target, size_bytes, kind, false}, 0);
    }
    if (batch)
        sim_.end_batch();
    return first;
}

void network::handle(engine& sim, const event& e) {
    const message m = e.data.as<message>();
    --in_flight_count_;
    // A partition or crash that began while the message was on its way stops it.
    if (!up_[m.target] || (any_cut_ && !reachable(m.source, m.target))) {
        undeliverable(m);
        return;
    }
    ++counters_.delivered;
    counters_.bytes_delivered += m.size_bytes;
    sim.digest_mix(m.id ^ (m.body * 0x9e3779b97f4a7c15ULL));
    if (receiver_ != nullptr)
        receiver_->deliver(sim, m);
}

void network::release_held() {
    std::deque<message> waiting;
    waiting.swap(held_);
    // In hold order, each one retransmission later; those still cut off are held
    // again. Each is sent again in its own domain's lane.
    const std::uint32_t lane = sim_.lane();
    for (message& m : waiting) {
        sim_.enter_lane(lane_of(m));
        dispatch(m, options_.retransmit_delay_ns);
    }
    sim_.enter_lane(lane);
}

void network::faults_changed() {
    pairs_.forget_routes();
    any_cut_ = std::any_of(cut_.begin(), cut_.end(), [](std::uint8_t c) { return c != 0; });
}

void network::partition(const std::vector<std::vector<node_id>>& groups) {
    std::vector<std::size_t> group(topo_.node_count(), groups.size());
    for (std::size_t g = 0; g < groups.size(); ++g)
        for (node_id n : groups[g])
            group[n] = g;
    for (link_id l = 0; l < topo_.link_count(); ++l) {
        const link& k = topo_.link_at(l);
        if (group[k.a] != group[k.b])
            cut_[l] = cut_forward | cut_backward;
    }
    faults_changed();
}

void network::isolate(node_id n) {
    for (link_id l : topo_.links_of(n))
        cut_[l] = cut_forward | cut_backward;
    faults_changed();
}

void network::cut_one_way(const std::vector<node_id>& from, const std::vector<node_id>& to) {
    std::vector<bool> in_from(topo_.node_count(), false);
    std::vector<bool> in_to(topo_.node_count(), false);
    for (node_id n : from)
        in_from[n] = true;
    for (node_id n : to)
        in_to[n] = true;
    for (link_id l = 0; l < topo_.link_count(); ++l) {
        const link& k = topo_.link_at(l);
        if (in_from[k.a] && in_to[k.b])
            cut_[l] |= cut_forward;
        if (in_from[k.b] && in_to[k.a])
            cut_[l] |= cut_backward;
    }
    faults_changed();
}

void network::heal() {
    std::fill(cut_.begin(), cut_.end(), 0);
    faults_changed();
    release_held();
}

void network::crash(node_id n) {
    up_[n] = 0;
    faults_changed();
}

void network::restart(node_id n) {
    up_[n] = 1;
    faults_changed();
    release_held();
}

void network::degrade_link(link_id l, const link_config& worse) {
    links_[l].config = &degraded_.insert_or_assign(l, worse).first->second;
}

void network::restore_link(link_id l) {
    links_[l].config = links_[l].usual;
    degraded_.erase(l);
}

} // namespace immersim::net
