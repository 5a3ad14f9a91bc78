#include "searcher/facet_counter.h"

#include "schema/schema.h"

namespace vigie::searcher {

void IdListCountSpy::operator()(const Xapian::Document& doc, double) {
    for (const std::string& id : schema::unpack_ids(doc.get_value(slot_))) ++counts_[id];
}

}  // namespace vigie::searcher
