// Which lane of the space-time diagram each node is drawn on. One lane per node
// reads well up to a few dozen nodes; a thousand clients are a solid wall. So
// lanes can be grouped: by role (each server its own lane, the clients together),
// by document (each server its own lane, each document's clients together), or by
// side of the run's first partition. A group can be expanded into one lane
// per member, and any node can be pinned to a lane of its own (what a search does).
#pragma once

#include "recorded_run.hpp"

#include <QString>
#include <cstdint>
#include <optional>
#include <set>
#include <vector>

namespace immersim::gui {

enum class lane_grouping { none, role, document, side };

class lane_layout {
public:
    struct lane {
        QString name;
        std::vector<std::uint32_t> nodes; // one for a node's own lane
        bool group = false;
    };

    void build(const recorded_run& run, lane_grouping grouping,
               const std::set<std::uint32_t>& pinned, const std::set<QString>& expanded);
    std::size_t lane_of(std::uint32_t node) const { return lane_of_.at(node); }
    std::size_t size() const { return lanes_.size(); }
    const lane& at(std::size_t i) const { return lanes_.at(i); }
    // The group a node belongs to under this grouping, expanded or not (empty: none).
    QString group_of(std::uint32_t node) const;

private:
    void by_document(const recorded_run& run, const std::set<std::uint32_t>& pinned,
                     const std::set<QString>& expanded);
    void add_group(const recorded_run& run, const QString& name,
                   const std::vector<std::uint32_t>& nodes, const std::set<std::uint32_t>& pinned,
                   const std::set<QString>& expanded, bool say_group_alone = false);

    std::vector<lane> lanes_;
    std::vector<std::size_t> lane_of_;
    std::vector<QString> group_of_;
};

} // namespace immersim::gui
