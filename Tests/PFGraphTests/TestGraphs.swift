import PFColumnar
@testable import PFGraph

/// Pools with fixed sizes, so thread-count comparisons never mutate the shared pool.
let pool1 = ThreadPool(threads: 1)
let pool4 = ThreadPool(threads: 4)

/// A named generated edge list.
struct Shape: Sendable, CustomStringConvertible {
    let name: String
    let edges: EdgeList
    var description: String { name }
}

/// The small graph shapes every kernel is checked on.
let baseShapes: [Shape] = [
    Shape(name: "rmat8", edges: GraphGenerators.rmat(scale: 8, edgeFactor: 8, seed: 7, pool: pool1)),
    Shape(name: "uniform", edges: GraphGenerators.uniform(vertices: 300, edges: 700, seed: 3)),
    Shape(name: "grid", edges: GraphGenerators.grid2D(rows: 12, cols: 13)),
    Shape(name: "path", edges: GraphGenerators.path(150)),
    Shape(name: "star", edges: GraphGenerators.star(80)),
    Shape(name: "complete", edges: GraphGenerators.complete(9, directed: false)),
    Shape(name: "empty", edges: EdgeList(sources: [], targets: [], vertexCount: 5)),
]

/// Every base shape plain, and with self-loops, multi-edges, isolated vertices and
/// three components.
let allShapes: [Shape] = baseShapes.flatMap { s in
    [s, Shape(name: s.name + "+extras",
              edges: s.edges.with(GeneratorExtras(components: 3, selfLoops: 7, multiEdges: 11,
                                                  isolatedVertices: 4, seed: 5)))]
}

/// Weighted versions (uniform [0,1) and small integers, the latter with many ties).
let weightedShapes: [Shape] = allShapes.flatMap { s in
    [Shape(name: s.name + "+w01", edges: s.edges.with(GeneratorExtras(weights: .uniform01, seed: 9))),
     Shape(name: s.name + "+wint", edges: s.edges.with(GeneratorExtras(weights: .integer(max: 3), seed: 9)))]
}

/// A mid-size graph that spans several parallel chunks.
let midShape = Shape(name: "rmat13",
                     edges: GraphGenerators.rmat(scale: 13, edgeFactor: 8, seed: 11, pool: pool1)
                        .with(GeneratorExtras(isolatedVertices: 100, weights: .uniform01, seed: 2)))

/// Sources used for traversals: vertex 0, a middle vertex, and a multi-source set.
func sourceSets(_ V: Int) -> [[Int]] {
    guard V > 0 else { return [] }
    return [[0], [V / 2], [V - 1, 0, V / 3, 0]]
}
