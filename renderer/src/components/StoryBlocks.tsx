import type { ReactNode } from 'react';
import type { Inline, StoryBlock } from '../../../main/common/exhibit';
import { PhotoFigure } from './PhotoFigure';

/** Story text from the loader's block tree: no raw Markdown or HTML ever reaches the page. */
export function StoryBlocks({
  blocks,
  onPhoto,
  chapterIdPrefix = 'chapter',
}: {
  blocks: StoryBlock[];
  onPhoto(photoId: string): void;
  chapterIdPrefix?: string;
}): ReactNode {
  let chapter = 0;
  return blocks.map((block, i) => {
    if (block.type === 'heading' && block.level === 2) chapter += 1;
    return <Block key={i} block={block} onPhoto={onPhoto} chapterId={`${chapterIdPrefix}-${chapter}`} />;
  });
}

function Block({
  block,
  onPhoto,
  chapterId,
}: {
  block: StoryBlock;
  onPhoto(id: string): void;
  chapterId: string;
}): ReactNode {
  switch (block.type) {
    case 'heading':
      return block.level === 2 ? (
        <h2 id={chapterId} className="story-chapter" data-chapter>
          <Inlines nodes={block.children} />
        </h2>
      ) : (
        <h3>
          <Inlines nodes={block.children} />
        </h3>
      );
    case 'paragraph':
      return (
        <p>
          <Inlines nodes={block.children} />
        </p>
      );
    case 'quote':
      return (
        <blockquote className="testimony">
          {block.children.map((child, i) => (
            <Block key={i} block={child} onPhoto={onPhoto} chapterId={chapterId} />
          ))}
        </blockquote>
      );
    case 'list': {
      const Tag = block.ordered ? 'ol' : 'ul';
      return (
        <Tag>
          {block.items.map((item, i) => (
            <li key={i}>
              {item.map((child, j) => (
                <Block key={j} block={child} onPhoto={onPhoto} chapterId={chapterId} />
              ))}
            </li>
          ))}
        </Tag>
      );
    }
    case 'photo':
      return <PhotoFigure photoId={block.photoId} onOpen={() => onPhoto(block.photoId)} />;
  }
}

export function Inlines({ nodes }: { nodes: Inline[] }): ReactNode {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return node.value;
      case 'emphasis':
        return (
          <em key={i}>
            <Inlines nodes={node.children} />
          </em>
        );
      case 'strong':
        return (
          <strong key={i}>
            <Inlines nodes={node.children} />
          </strong>
        );
      case 'break':
        return <br key={i} />;
    }
  });
}

/** Plain text of inline nodes (chapter names in the chapter list). */
export function inlineText(nodes: Inline[]): string {
  return nodes
    .map((n) => (n.type === 'text' ? n.value : n.type === 'break' ? ' ' : inlineText(n.children)))
    .join('');
}
